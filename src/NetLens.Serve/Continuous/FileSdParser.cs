using NetLens.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Continuous;

/// <summary>
/// A Prometheus file_sd file: a list of target groups `{targets: [...], labels: {...}}`, in JSON or YAML (one parser:
/// JSON is read as the YAML it also is). Returns the targets in order; a group's labels are accepted as Prometheus
/// allows them but not attached to the series. A malformed file is one error line naming the file and the line.
/// </summary>
public static class FileSdParser
{
    public static IReadOnlyList<string> Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{source}:{e.Start.Line}: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlSequenceNode groups)
        {
            throw Error(source, stream.Documents[0].RootNode, "a file_sd file is a list of target groups ({targets: [...], labels: {...}})");
        }

        var targets = new List<string>();
        foreach (var group in groups)
        {
            if (group is not YamlMappingNode map)
            {
                throw Error(source, group, "a target group must be a mapping with targets and labels");
            }

            foreach (var (keyNode, value) in map.Children)
            {
                switch ((keyNode as YamlScalarNode)?.Value)
                {
                    case "targets":
                        if (value is not YamlSequenceNode list)
                        {
                            throw Error(source, value, "targets must be a list");
                        }

                        foreach (var target in list)
                        {
                            targets.Add(target is YamlScalarNode { Value: { Length: > 0 } name } ? name : throw Error(source, target, "a target must be a single address or name"));
                        }

                        break;
                    case "labels":
                        if (value is not YamlMappingNode)
                        {
                            throw Error(source, value, "labels must be a mapping");
                        }

                        break;
                    default:
                        throw Error(source, keyNode, $"unknown key {InputText.Quote((keyNode as YamlScalarNode)?.Value ?? "")} in a target group (known: targets, labels)");
                }
            }
        }

        return targets;
    }

    private static UsageException Error(string source, YamlNode node, string message) => new($"{source}:{node.Start.Line}: {message}");
}
