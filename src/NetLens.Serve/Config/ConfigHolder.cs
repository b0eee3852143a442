using NetLens.Core;

namespace NetLens.Serve.Config;

/// <summary>
/// The config serve is running with, swapped whole on reload: readers take <see cref="Current"/> once per request, so a
/// probe never sees half of an old config and half of a new one. A bad new config leaves the old one in place.
/// </summary>
public sealed class ConfigHolder(ServeConfig initial, string path, TimeProvider clock)
{
    private ServeConfig _current = initial;

    public ServeConfig Current => Volatile.Read(ref _current);

    /// <summary>Whether the last reload succeeded (1 at start, as blackbox's gauge reads after a good first load).</summary>
    public bool LastReloadSuccessful { get; private set; } = true;

    /// <summary>When the config in use was loaded, as Unix seconds.</summary>
    public double LastSuccessTimestampSeconds { get; private set; } = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Re-reads the file; returns null on success, else the one-line reason the old config stays.</summary>
    public string? Reload()
    {
        lock (this)
        {
            try
            {
                var next = ServeConfigReader.ReadFile(path);
                Volatile.Write(ref _current, next);
                LastReloadSuccessful = true;
                LastSuccessTimestampSeconds = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
                return null;
            }
            catch (UsageException e)
            {
                LastReloadSuccessful = false;
                return e.Message;
            }
        }
    }
}
