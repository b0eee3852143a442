using System.Text.Json;
using NetLens.Core;
using NetLens.Core.Routing;
using NetLens.Linux.Files;

namespace NetLens.Cli.Snapshots;

/// <summary>
/// Reads and writes the snapshot file of `netlens routes --save` (docs/snapshot-format.md): versioned,
/// snake_case JSON holding links, addresses, rules and routes with every field of the model.
/// </summary>
public static class RoutingSnapshotFile
{
    public const string FormatName = "netlens-routing-snapshot";

    public const int Version = 1;

    /// <summary>
    /// Writes the snapshot, stamped now on this host, through <see cref="SafeFileWriter"/>: a regular file is replaced
    /// atomically keeping its owner and mode, a symlink's target is written, a device or FIFO is written through.
    /// </summary>
    public static void Save(RoutingSnapshot snapshot, string path) => Save(snapshot, path, RoutingSnapshotMetadata.Now(netns: null));

    public static void Save(RoutingSnapshot snapshot, string path, RoutingSnapshotMetadata metadata)
    {
        var document = new SnapshotDocument
        {
            Format = FormatName,
            Version = Version,
            TakenAt = metadata.TakenAt.ToUniversalTime(),
            Hostname = metadata.Hostname,
            Netns = metadata.Netns,
            NetlensVersion = metadata.NetlensVersion,
            Links = [.. snapshot.Links.Select(SnapshotMapper.ToRecord)],
            Addresses = [.. snapshot.Addresses.Select(SnapshotMapper.ToRecord)],
            Rules = [.. snapshot.Rules.Select(SnapshotMapper.ToRecord)],
            Routes = [.. snapshot.Routes.Select(SnapshotMapper.ToRecord)],
        };

        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, SnapshotJsonContext.Default.SnapshotDocument);
        SafeFileWriter.Write(path, [.. bytes, (byte)'\n'], "--save");
    }

    /// <summary>The snapshot in the file; anything else (not a snapshot, unknown version, truncated) is a <see cref="UsageException"/>.</summary>
    public static RoutingSnapshot Load(string path) => Read(path).Snapshot;

    /// <summary>The snapshot and its metadata.</summary>
    public static SavedRoutingSnapshot Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"snapshot file \"{path}\" not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"snapshot file \"{path}\" cannot be read (permission denied)");
        }

        return Parse(bytes, path);
    }

    /// <summary>The snapshot in <paramref name="bytes"/>, read from <paramref name="path"/> (named in messages); anything else is a <see cref="UsageException"/>.</summary>
    internal static SavedRoutingSnapshot Parse(ReadOnlySpan<byte> bytes, string path)
    {
        CheckHeader(bytes, path);
        SnapshotDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, SnapshotJsonContext.Default.SnapshotDocument);
        }
        catch (JsonException e)
        {
            throw new UsageException($"snapshot file \"{path}\" is truncated or damaged: {OneLine(e.Message)}");
        }

        if (document is null)
        {
            throw new UsageException($"\"{path}\" is not a netlens routing snapshot");
        }

        try
        {
            var snapshot = new RoutingSnapshot(
                [.. document.Links.Select(SnapshotMapper.ToModel)],
                [.. document.Addresses.Select(SnapshotMapper.ToModel)],
                [.. document.Rules.Select(SnapshotMapper.ToModel)],
                [.. document.Routes.Select(SnapshotMapper.ToModel)]);
            var metadata = new RoutingSnapshotMetadata(document.TakenAt, document.Hostname, document.Netns, document.NetlensVersion);
            return new SavedRoutingSnapshot(metadata, snapshot);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException($"snapshot file \"{path}\" is damaged: {e.Message}");
        }
    }

    /// <summary>Reads "format" and "version" (written first) without the rest, so a wrong file is told from a damaged one.</summary>
    private static void CheckHeader(ReadOnlySpan<byte> bytes, string path)
    {
        string? format = null;
        int? version = null;
        try
        {
            var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotASnapshot(path);
            }

            while ((format is null || version is null) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }

                if (name == "format" && reader.TokenType == JsonTokenType.String)
                {
                    format = reader.GetString();
                }
                else if (name == "version" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
                {
                    version = number;
                }
                else if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name or value that is not UTF-8 (GetString cannot transcode it)
            throw NotASnapshot(path);
        }

        if (format != FormatName)
        {
            throw NotASnapshot(path);
        }

        if (version is null)
        {
            throw new UsageException($"snapshot file \"{path}\" is truncated or damaged: it has no version");
        }

        if (version != Version)
        {
            throw new UsageException($"snapshot file \"{path}\" has format version {version}; this netlens reads version {Version} (use the netlens that wrote it)");
        }
    }

    private static UsageException NotASnapshot(string path) =>
        new($"\"{path}\" is not a netlens routing snapshot (write one with 'netlens routes --save FILE')");

    private static string OneLine(string message) => message.Split('\n', 2)[0].Trim();
}
