namespace NetLens.Core.Routing.Checks;

/// <summary>How much a finding matters: worth knowing, probably wrong, or traffic is lost.</summary>
public enum FindingSeverity
{
    /// <summary>Surprising for a reader of `route -n`, often intended (a VPN table, policy routing).</summary>
    Notice,

    /// <summary>Probably not what was meant: traffic goes somewhere other than it seems.</summary>
    Warning,

    /// <summary>Traffic is lost, or the route would be refused if added again.</summary>
    Error,
}

/// <summary>The words for <see cref="FindingSeverity"/>.</summary>
public static class FindingSeverities
{
    public static string Word(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Notice => "notice",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
