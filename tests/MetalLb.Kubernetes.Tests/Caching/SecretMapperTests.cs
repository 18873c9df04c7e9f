using System.Text;
using k8s.Models;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

/// <summary>A Secret is kept as its type and <c>password</c> key only: no other data, no annotations.</summary>
public sealed class SecretMapperTests
{
    [Fact]
    public void ToDomain_KeepsTypeAndPasswordOnly()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "bgp-pass",
                NamespaceProperty = "metallb-system",
                ResourceVersion = "7",
                Annotations = new Dictionary<string, string>
                {
                    ["kubectl.kubernetes.io/last-applied-configuration"] = """{"stringData":{"password":"s3cret"}}""",
                },
            },
            Type = SecretInfo.BasicAuthType,
            Data = new Dictionary<string, byte[]>
            {
                ["password"] = Encoding.UTF8.GetBytes("s3cret"),
                ["username"] = Encoding.UTF8.GetBytes("admin"),
            },
        };

        var info = CoreObjectMapper.ToDomain(secret);

        Assert.Equal("metallb-system", info.Metadata.Namespace);
        Assert.Equal("bgp-pass", info.Metadata.Name);
        Assert.Equal("7", info.Metadata.ResourceVersion);
        Assert.Equal(SecretInfo.BasicAuthType, info.Type);
        Assert.Equal("s3cret", info.Password);
        Assert.Empty(info.Metadata.Annotations);
    }

    [Fact]
    public void ToDomain_NoTypeNoData_IsOpaqueWithoutPassword()
    {
        var info = CoreObjectMapper.ToDomain(new V1Secret { Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "metallb-system" } });

        Assert.Equal("Opaque", info.Type);
        Assert.Null(info.Password);
    }
}
