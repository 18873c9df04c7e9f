using MetalLb.Bgp.Session;
using MetalLb.Bgp.Speaker;

namespace MetalLb.Bgp.Tests.Speaker;

public class SpeakerMd5Tests
{
    [Fact]
    public async Task MatchingPassword_BringsTheSessionUp()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer(password: "s3cret-md5");

        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer) with { Password = "s3cret-md5" });
        await (await peer.AcceptAsync()).EstablishAsync(SpeakerHarness.Theirs);

        Assert.True((await harness.WaitForAsync("router", s => s.Up)).Up);
    }

    [Fact]
    public async Task WrongPassword_GetsNoAnswer_AndTheStatusNamesThePassword()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer(password: "s3cret-md5");
        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer) with { Password = "not-the-same" });
        await harness.WaitForAsync("router", s => s.State == SessionState.Connect);

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var status = await harness.WaitForAsync("router", s => s.LastError is not null);

        Assert.Equal(
            "MD5: no answer from peer (TCP-MD5 mismatch or missing): connect timed out after 10 s with a TCP-MD5 password configured",
            status.LastError);
        Assert.False(status.Up);
    }

    [Fact]
    public void Md5Option_LaysOutStructTcpMd5SigAsTheKernelReadsIt()
    {
        var value = TcpMd5.Build(System.Net.IPAddress.Parse("203.0.113.9"), "key"u8);

        Assert.Equal(216, value.Length);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 203, 0, 113, 9 }, value[..8]);
        Assert.Equal(new byte[] { 3, 0 }, value[130..132]);
        Assert.Equal("key"u8.ToArray(), value[136..139]);
        Assert.All(value[139..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Md5Option_ForIpv6_CarriesTheAddressAfterPortAndFlowInfo()
    {
        var value = TcpMd5.Build(System.Net.IPAddress.Parse("2001:db8::9"), "k"u8);

        Assert.Equal(new byte[] { 10, 0 }, value[..2]);
        Assert.Equal(System.Net.IPAddress.Parse("2001:db8::9").GetAddressBytes(), value[8..24]);
    }
}
