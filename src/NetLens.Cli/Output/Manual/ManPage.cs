namespace NetLens.Cli.Output.Manual;

/// <summary>One manual page: its file name (netlens-route-get.1) and its roff text.</summary>
public sealed record ManPage(string FileName, string Text);
