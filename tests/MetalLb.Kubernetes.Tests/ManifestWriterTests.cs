using System.Text.Json;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestWriterTests
{
    [Fact]
    public void Write_TheExamples_ReadsBackToTheSameObjects()
    {
        var examples = ManifestReader.ReadPaths([Examples()]);
        Assert.Empty(examples.Problems);

        var text = ManifestWriter.Write(examples.Objects);

        var reread = ManifestReader.ReadText(text, "written.yaml");
        Assert.Empty(reread.Problems);
        Assert.Equal(Describe(examples.Objects), Describe(reread.Objects));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("64500:100")]
    [InlineData("2001:db8::/64")]
    [InlineData("2024-01-02")]
    [InlineData("a b")]
    [InlineData(" lead")]
    [InlineData("- item")]
    [InlineData("#comment")]
    [InlineData("*alias")]
    [InlineData("quote\"and\\back")]
    [InlineData("line\nbreak")]
    [InlineData("\u00e9t\u00e9\u2028")]
    public void Write_AnyText_ReadsBackUnchanged(string value)
    {
        var pool = new IpAddressPool(
            new ObjectMeta { Name = "p", Namespace = "metallb-system", Labels = new Dictionary<string, string> { ["k"] = value } },
            new IpAddressPoolSpec { Addresses = [value] });

        var text = ManifestWriter.Write(new ConfigSource { Pools = [pool] });

        var reread = ManifestReader.ReadText(text, "written.yaml");
        Assert.Empty(reread.Problems);
        var read = Assert.Single(reread.Objects.Pools);
        Assert.Equal([value], read.Spec.Addresses);
        Assert.Equal(value, read.Metadata.Labels["k"]);
    }

    [Fact]
    public void Write_LeavesDefaultsOutButKeepsAnExplicitFalse()
    {
        var objects = new ConfigSource
        {
            Pools = [new IpAddressPool(new ObjectMeta { Name = "p" }, new IpAddressPoolSpec { Addresses = ["192.0.2.0/24"], AutoAssign = false })],
            Peers = [new BgpPeer(new ObjectMeta { Name = "r" }, new BgpPeerSpec { MyASN = 64500, PeerASN = 64501, PeerAddress = "192.0.2.1" })],
        };

        var text = ManifestWriter.Write(objects);

        Assert.Equal(
            """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: p
            spec:
              addresses:
              - 192.0.2.0/24
              autoAssign: false
            ---
            apiVersion: metallb.io/v1beta2
            kind: BGPPeer
            metadata:
              name: r
            spec:
              myASN: 64500
              peerASN: 64501
              peerAddress: 192.0.2.1

            """.ReplaceLineEndings("\n"),
            text);
    }

    private static string Examples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "metallb-svc.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("metallb-svc.sln not found"), "examples");
    }

    private static string[] Describe(ConfigSource objects) =>
        [.. objects.MetalLbObjects.Select(o =>
            $"{o.Kind} {o.Metadata.Namespace}/{o.Metadata.Name} {Labels(o.Metadata)} {JsonSerializer.Serialize(SpecOf(o), SpecOf(o).GetType(), MetalLbJson.Options)}")];

    private static string Labels(ObjectMeta meta) => string.Join(",", meta.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static object SpecOf(IMetalLbObject o) => o switch
    {
        IpAddressPool x => x.Spec,
        L2Advertisement x => x.Spec,
        BgpAdvertisement x => x.Spec,
        BgpPeer x => x.Spec,
        BfdProfile x => x.Spec,
        Community x => x.Spec,
        _ => throw new InvalidOperationException(o.Kind),
    };
}
