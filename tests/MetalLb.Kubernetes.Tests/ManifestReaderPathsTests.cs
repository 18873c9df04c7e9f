using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestReaderPathsTests
{
    private static string Pool(string name) =>
        $"apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {{name: {name}}}\nspec: {{addresses: [10.0.0.0/24]}}\n";

    [Fact]
    public void ReadPaths_WhenPathIsMissing_ReportsIoError()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nope.yaml");

        var result = ManifestReader.ReadPaths([missing]);

        var problem = Assert.Single(result.Problems);
        Assert.True(problem.IsIoError);
        Assert.Equal($"{missing}: no such file or directory", problem.ToString());
    }

    [Fact]
    public void ReadFile_WhenPathIsMissing_ReportsIoError()
    {
        var result = ManifestReader.ReadFile("/nonexistent/dir/pools.yaml");

        Assert.True(Assert.Single(result.Problems).IsIoError);
    }

    [Fact]
    public void ReadPaths_Directory_ReadsManifestFilesRecursivelyInOrdinalOrder()
    {
        using var dir = new TempDirectory();
        dir.Write("b.yaml", Pool("b"));
        dir.Write("a.yml", Pool("a"));
        dir.Write("Z.json", """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"Z"}}""");
        dir.Write("sub/c.yaml", Pool("c"));
        dir.Write("sub/deeper/a.YAML", Pool("deep"));
        dir.Write("a-b.yaml", Pool("a-b"));
        dir.Write("notes.txt", Pool("ignored-txt"));
        dir.Write(".hidden.yaml", Pool("ignored-hidden"));

        var result = ManifestReader.ReadPaths([dir.Path]);

        Assert.Empty(result.Problems);
        Assert.Equal(["Z", "a-b", "a", "b", "c", "deep"], result.Objects.Pools.Select(p => p.Metadata.Name));
        Assert.Equal(Path.Combine(dir.Path, "sub", "c.yaml"), result.Objects.Pools[4].Metadata.Source);
    }

    [Fact]
    public void ReadPaths_FilesDirectoriesAndStdin_AreReadInTheOrderGiven()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("one/x.yaml", Pool("file"));
        dir.Write("two/y.yaml", Pool("dir"));
        var stdin = new StringReader(Pool("stdin"));

        var result = ManifestReader.ReadPaths([Path.Combine(dir.Path, "two"), "-", file], () => stdin);

        Assert.Empty(result.Problems);
        Assert.Equal(["dir", "stdin", "file"], result.Objects.Pools.Select(p => p.Metadata.Name));
        Assert.Equal("-", result.Objects.Pools[1].Metadata.Source);
    }

    [Fact]
    public void ReadPaths_ProblemsFromSeveralFiles_AreAllReported()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.yaml", "a: [\n");
        var good = dir.Write("good.yaml", Pool("ok"));
        var missing = Path.Combine(dir.Path, "missing.yaml");

        var result = ManifestReader.ReadPaths([bad, missing, good]);

        Assert.Equal([(bad, false), (missing, true)], result.Problems.Select(p => (p.Source, p.IsIoError)));
        Assert.Single(result.Objects.Pools);
    }

    [Fact]
    public void ReadFile_ExtensionPicksTheParser()
    {
        using var dir = new TempDirectory();
        var json = dir.Write("pool.json", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
        var sniffed = dir.Write("pool.manifest", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}""");

        var asJson = ManifestReader.ReadFile(json);
        var asSniffed = ManifestReader.ReadFile(sniffed);

        Assert.StartsWith($"{json}: invalid JSON at line 1", Assert.Single(asJson.Problems).ToString());
        Assert.Single(asSniffed.Objects.Namespaces);
    }
}
