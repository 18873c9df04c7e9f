using MetalLb.Contracts;

namespace MetalLb.Hosting.Tests.Plans;

internal static class TestPlans
{
    public static AnnouncementPlan Plan(string serviceKey, long generation, string ip = "192.0.2.1") =>
        new(
            serviceKey,
            generation,
            [ip],
            "default",
            [new L2Candidate("node-a", 0, []), new L2Candidate("node-b", 0, ["eth0"])],
            [new BgpNodeRoutes("node-a", [new BgpRoute($"{ip}/32", 100, ["65000:1"], ["peer-1"])])],
            []);
}
