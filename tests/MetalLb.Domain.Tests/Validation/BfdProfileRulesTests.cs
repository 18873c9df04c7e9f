using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Validation;

namespace MetalLb.Domain.Tests.Validation;

public class BfdProfileRulesTests
{
    public static TheoryData<string, uint, string, string> OutOfRange => new()
    {
        { "receiveInterval", 9, "spec.receiveInterval", "invalid receive interval value: invalid value 9, must be in 10-60000 range" },
        { "receiveInterval", 60001, "spec.receiveInterval", "invalid value 60001, must be in 10-60000 range" },
        { "transmitInterval", 9, "spec.transmitInterval", "invalid transmit interval value: invalid value 9, must be in 10-60000 range" },
        { "transmitInterval", 60001, "spec.transmitInterval", "invalid value 60001, must be in 10-60000 range" },
        { "echoInterval", 9, "spec.echoInterval", "invalid echo interval value: invalid value 9, must be in 10-60000 range" },
        { "echoInterval", 60001, "spec.echoInterval", "invalid value 60001, must be in 10-60000 range" },
        { "detectMultiplier", 1, "spec.detectMultiplier", "invalid detect multiplier value: invalid value 1, must be in 2-255 range" },
        { "detectMultiplier", 256, "spec.detectMultiplier", "invalid value 256, must be in 2-255 range" },
        { "minimumTtl", 0, "spec.minimumTtl", "invalid minimum ttl value: invalid value 0, must be in 1-254 range" },
        { "minimumTtl", 255, "spec.minimumTtl", "invalid value 255, must be in 1-254 range" },
    };

    public static TheoryData<string, uint> InRange => new()
    {
        { "receiveInterval", 10 },
        { "receiveInterval", 60000 },
        { "transmitInterval", 10 },
        { "transmitInterval", 60000 },
        { "echoInterval", 10 },
        { "echoInterval", 60000 },
        { "detectMultiplier", 2 },
        { "detectMultiplier", 255 },
        { "minimumTtl", 1 },
        { "minimumTtl", 254 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Check_F3_ValueOutOfRange_IsError(string field, uint value, string path, string fragment)
    {
        var (profiles, problems) = Run(BgpBackend.Frr, Profile("fast", With(field, value)));

        var problem = Assert.Single(problems);
        Assert.True(problem.IsError);
        Assert.Equal(path, problem.Field);
        Assert.Equal("BFDProfile/fast", problem.Object.ToString());
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.Empty(profiles);
    }

    [Theory]
    [MemberData(nameof(InRange))]
    public void Check_F3_ValueAtRangeEdge_IsAccepted(string field, uint value)
    {
        var (profiles, problems) = Run(BgpBackend.Frr, Profile("fast", With(field, value)));

        Assert.Empty(problems);
        Assert.Single(profiles);
    }

    [Fact]
    public void Check_AllFieldsSet_ReturnsSettings()
    {
        var spec = new BfdProfileSpec
        {
            ReceiveInterval = 100,
            TransmitInterval = 200,
            DetectMultiplier = 5,
            EchoInterval = 60,
            EchoMode = true,
            PassiveMode = true,
            MinimumTtl = 10,
        };

        var (profiles, _) = Run(BgpBackend.Frr, Profile("full", spec));

        Assert.Equal(new BfdSettings("full", 100, 200, 5, 60, true, true, 10), Assert.Single(profiles));
    }

    [Fact]
    public void Check_UnsetFields_StayNullForBackendDefaults()
    {
        var (profiles, _) = Run(BgpBackend.Frr, Profile("defaults", new BfdProfileSpec()));

        Assert.Equal(new BfdSettings("defaults", null, null, null, null, false, false, null), Assert.Single(profiles));
    }

    [Fact]
    public void Check_SeveralBadFields_ReportsEach()
    {
        var spec = new BfdProfileSpec { ReceiveInterval = 1, DetectMultiplier = 1 };

        var (_, problems) = Run(BgpBackend.Frr, Profile("bad", spec));

        Assert.Equal(["spec.receiveInterval", "spec.detectMultiplier"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Check_F5_NativeMode_WarnsButKeepsConfigValid()
    {
        var (profiles, problems) = Run(BgpBackend.Native, Profile("fast", new BfdProfileSpec()));

        var problem = Assert.Single(problems);
        Assert.False(problem.IsError);
        Assert.Equal("BFD profiles are not used by the native BGP backend", problem.Message);
        Assert.Single(profiles);
    }

    [Fact]
    public void Check_F5_FrrMode_NoWarning()
    {
        var (_, problems) = Run(BgpBackend.Frr, Profile("fast", new BfdProfileSpec()));

        Assert.Empty(problems);
    }

    [Fact]
    public void Check_F4_DuplicateName_YieldsOneProfile()
    {
        var (profiles, problems) = Run(
            BgpBackend.Frr, Profile("same", new BfdProfileSpec()), Profile("same", new BfdProfileSpec { DetectMultiplier = 4 }));

        Assert.Empty(problems);
        Assert.Single(profiles);
    }

    [Fact]
    public void CheckDelete_F2_ReferencedProfile_IsDenied()
    {
        var peers = new[] { Peer("zeta", "fast"), Peer("alpha", "fast"), Peer("other", "slow") };

        var message = BfdProfileRules.CheckDelete("fast", peers);

        Assert.Equal("failed to delete BFDProfile fast, used by BGPPeer alpha", message);
    }

    [Fact]
    public void CheckDelete_F2_UnreferencedProfile_IsAllowed()
    {
        var peers = new[] { Peer("alpha", "slow"), Peer("beta", null) };

        Assert.Null(BfdProfileRules.CheckDelete("fast", peers));
    }

    private static (IReadOnlyList<BfdSettings> Profiles, IReadOnlyList<ValidationProblem> Problems) Run(
        BgpBackend backend, params BfdProfile[] profiles)
    {
        var ctx = new ValidationContext(
            new ConfigSource { BfdProfiles = profiles }, new ValidationOptions { BgpBackend = backend });
        var result = BfdProfileRules.Check(ctx);
        return (result, ctx.Problems.Problems);
    }

    private static BfdProfile Profile(string name, BfdProfileSpec spec) => new(TestObjects.Meta(name), spec);

    private static BgpPeer Peer(string name, string? profile) =>
        new(TestObjects.Meta(name), new BgpPeerSpec { MyASN = 64500, PeerASN = 64501, PeerAddress = "10.0.0.1", BfdProfile = profile });

    private static BfdProfileSpec With(string field, uint value) => field switch
    {
        "receiveInterval" => new BfdProfileSpec { ReceiveInterval = value },
        "transmitInterval" => new BfdProfileSpec { TransmitInterval = value },
        "echoInterval" => new BfdProfileSpec { EchoInterval = value },
        "detectMultiplier" => new BfdProfileSpec { DetectMultiplier = value },
        _ => new BfdProfileSpec { MinimumTtl = value },
    };
}
