namespace NetLens.Core;

/// <summary>
/// The user asked for something that cannot be done as asked (bad address, unknown device…): exit 2. Core words it by
/// the concept ("the service name otv"), never by a command-line flag; where the CLI wants its flag in the sentence, a
/// subclass carries the facts and the CLI's option binding words it.
/// </summary>
public class UsageException(string message) : Exception(message);
