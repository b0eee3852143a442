namespace NetLens.Cli.Output.Routing;

/// <summary>
/// One line of `route get --batch --json`, one per question in the batch's order: the destination, and either ip's
/// first line of the answer or the kernel's reason in ip's words (as `route get --json` has them).
/// </summary>
public sealed record RouteBatchAnswerJson(string Destination, bool Found, string? Line = null, string? Error = null);
