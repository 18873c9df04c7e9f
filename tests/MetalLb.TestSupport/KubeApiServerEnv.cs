namespace MetalLb.TestSupport;

/// <summary>Reads the KEY=value lines that kube-apiserver.sh start writes to DIR/env.</summary>
public static class KubeApiServerEnv
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return values;
    }
}
