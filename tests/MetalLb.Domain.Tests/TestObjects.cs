using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;

namespace MetalLb.Domain.Tests;

/// <summary>Small builders for test input; every object lands in metallb-system unless told otherwise.</summary>
internal static class TestObjects
{
    public static ObjectMeta Meta(string name, IReadOnlyDictionary<string, string>? labels = null, string? ns = "metallb-system") =>
        new() { Name = name, Namespace = ns, Labels = labels ?? new Dictionary<string, string>() };

    public static IpAddressPool Pool(string name, params string[] addresses) =>
        new(Meta(name), new IpAddressPoolSpec { Addresses = addresses });

    public static IpAddressPool Pool(string name, IpAddressPoolSpec spec) => new(Meta(name), spec);

    public static NodeInfo Node(string name, IReadOnlyDictionary<string, string>? labels = null) => new(Meta(name, labels, null));

    public static IReadOnlyDictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    public static ValidationResult Validate(ConfigSource source, BgpBackend backend = BgpBackend.Native) =>
        ConfigValidator.Validate(source, new ValidationOptions { BgpBackend = backend });

    /// <summary>All error messages, for asserting with <c>Assert.Contains</c>.</summary>
    public static string[] Errors(this ValidationResult result) => result.Errors.Select(e => e.Message).ToArray();

    public static string[] WarningMessages(this ValidationResult result) => result.Warnings.Select(e => e.Message).ToArray();

    /// <summary>Asserts that exactly one error contains <paramref name="fragment"/> and returns it.</summary>
    public static ValidationProblem SingleError(this ValidationResult result, string fragment)
    {
        var matches = result.Errors.Where(e => e.Message.Contains(fragment, StringComparison.Ordinal)).ToArray();
        Assert.True(matches.Length == 1,
            $"expected one error containing \"{fragment}\", got:\n{string.Join("\n", result.Problems)}");
        return matches[0];
    }
}
