using System.Text.Json;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class YamlScalarResolverTests
{
    [Theory]
    [InlineData("", "null")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("nULL", "\"nULL\"")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("YES", "true")]
    [InlineData("on", "true")]
    [InlineData("On", "true")]
    [InlineData("ON", "true")]
    [InlineData("y", "true")]
    [InlineData("Y", "true")]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    [InlineData("FALSE", "false")]
    [InlineData("no", "false")]
    [InlineData("No", "false")]
    [InlineData("NO", "false")]
    [InlineData("off", "false")]
    [InlineData("Off", "false")]
    [InlineData("OFF", "false")]
    [InlineData("n", "false")]
    [InlineData("N", "false")]
    [InlineData("yEs", "\"yEs\"")]
    [InlineData("tRUE", "\"tRUE\"")]
    public void Resolve_NullsAndYaml11Booleans_FollowGoYamlV2(string text, string json)
    {
        Assert.Equal(json, Json(text));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("64500", "64500")]
    [InlineData("+5", "5")]
    [InlineData("-5", "-5")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("-0x1F", "-31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("0b101", "5")]
    [InlineData("09", "9")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("-2.5E-1", "-0.25")]
    [InlineData("99999999999999999999", "1E+20")]
    public void Resolve_Numbers_FollowGoStrconv(string text, string json)
    {
        Assert.Equal(json, Json(text));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.10.0/24")]
    [InlineData("10.0.0.1-10.0.0.9")]
    [InlineData("fc00::/124")]
    [InlineData("65535:65282")]
    [InlineData("90s")]
    [InlineData("0x")]
    [InlineData("1e")]
    [InlineData(".inf")]
    [InlineData(".nan")]
    [InlineData("2001-12-14")]
    [InlineData("-")]
    [InlineData("+18446744073709551616x")]
    public void Resolve_OtherText_StaysString(string text)
    {
        Assert.Equal(JsonSerializer.Serialize(text), Json(text));
    }

    [Theory]
    [InlineData("a: 'true'", "{\"a\":\"true\"}")]
    [InlineData("a: \"5\"", "{\"a\":\"5\"}")]
    [InlineData("a: !!str 5", "{\"a\":\"5\"}")]
    [InlineData("a: ! yes", "{\"a\":\"yes\"}")]
    [InlineData("a: !!int \"5\"", "{\"a\":5}")]
    [InlineData("a: !custom yes", "{\"a\":\"yes\"}")]
    [InlineData("a: |\n  yes\n", "{\"a\":\"yes\\n\"}")]
    [InlineData("a: yes\nb: 0x10\nc: ~", "{\"a\":true,\"b\":16,\"c\":null}")]
    [InlineData("yes: 1\n0x10: 2\n~: 3\n'on': 4", "{\"true\":1,\"16\":2,\"null\":3,\"on\":4}")]
    [InlineData("base: &b {x: 1, z: 2}\nderived:\n  <<: *b\n  z: 3", "{\"base\":{\"x\":1,\"z\":2},\"derived\":{\"z\":3,\"x\":1}}")]
    [InlineData("y: 1\nn: 2", "{\"true\":1,\"false\":2}")]
    [InlineData("a: &l [1, 2]\nb: *l", "{\"a\":[1,2],\"b\":[1,2]}")]
    public void Parse_ScalarStylesTagsKeysAndAliases_ProduceKubectlJson(string yaml, string json)
    {
        var parsed = YamlManifestParser.Parse(yaml);

        Assert.Empty(parsed.Errors);
        Assert.Equal(json, Assert.Single(parsed.Documents).Root.ToJsonString());
    }

    [Theory]
    [InlineData("a: &x [*x]")]
    [InlineData("a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]")]
    public void Parse_WhenAliasesCycleOrExplode_ReportsInsteadOfHanging(string yaml)
    {
        var parsed = YamlManifestParser.Parse(yaml);

        Assert.Empty(parsed.Documents);
        Assert.StartsWith("document 1: invalid YAML at line", Assert.Single(parsed.Errors));
    }

    [Fact]
    public void Parse_WhenNestedTooDeeply_ReportsInsteadOfOverflowingTheStack()
    {
        var parsed = YamlManifestParser.Parse(new string('[', 100_000));

        Assert.Empty(parsed.Documents);
        Assert.Contains("nesting deeper than 64 levels", Assert.Single(parsed.Errors));
    }

    private static string Json(string text) => YamlScalarResolver.Resolve(text)?.ToJsonString() ?? "null";
}
