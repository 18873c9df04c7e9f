using MetalLb.Announcer.Frr;

namespace MetalLb.Announcer.Tests.Frr;

public sealed class FrrRedactionTests
{
    [Theory]
    [InlineData("line 12: % Unknown command:  neighbor 192.0.2.2 password s3cr'et")]
    [InlineData(" 'router bgp 64512\\n neighbor 192.0.2.2 password s3cr'et\\n',")]
    [InlineData("s3cr'et")]
    public void Redact_MasksTheConfigurationsPasswords_WhereverFrrEchoesThem(string output)
    {
        var secrets = FrrRedaction.SecretsIn("router bgp 64512\n neighbor 192.0.2.2 password s3cr'et\n neighbor 192.0.2.3 password other\n");

        var redacted = FrrRedaction.Redact(output, secrets);

        Assert.Equal(["s3cr'et", "other"], secrets);
        Assert.DoesNotContain("s3cr", redacted, StringComparison.Ordinal);
        Assert.Contains(FrrRedaction.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_MasksAnyWordAfterPassword_EvenAnUnknownOne()
    {
        Assert.Equal("neighbor x password <redacted>", FrrRedaction.Redact("neighbor x password hunter2", []));
    }
}
