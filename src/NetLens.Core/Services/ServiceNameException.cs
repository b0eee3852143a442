namespace NetLens.Core.Services;

/// <summary>Why a name cannot be given to the opened port in the services file.</summary>
public enum ServiceNameProblem
{
    /// <summary>Not a word getservbyname could look up (letters, digits, '-', '_', '.', not starting with a digit).</summary>
    NotAName,

    /// <summary>The ports are a list or a range: a services line names one port.</summary>
    NotOnePort,

    /// <summary>The file already binds the name to another port or protocol.</summary>
    AlreadyBound,
}

/// <summary>
/// A services-file name refused (<see cref="ServiceNaming.PlanOpen"/>): the name, the problem, and the sentence that
/// explains it without naming any flag (<see cref="Detail"/>), so the CLI can put its option in front.
/// </summary>
public sealed class ServiceNameException(string name, ServiceNameProblem problem, string detail)
    : UsageException($"the service name {name}: {detail}")
{
    public string Name { get; } = name;

    public ServiceNameProblem Problem { get; } = problem;

    /// <summary>What is wrong with the name, as a clause ("a service name is letters, digits…").</summary>
    public string Detail { get; } = detail;
}
