using System.Buffers.Binary;

namespace MetalLb.Bgp.Tests;

/// <summary>Hand-built messages in hex, spaces allowed, for malformed-input tables.</summary>
internal static class Wire
{
    public const string Origin = "40 01 01 00";
    public const string AsPath = "40 02 06 02 01 0000fbf4";
    public const string NextHop = "40 03 04 c6336401";
    public const string Mandatory = Origin + AsPath + NextHop;
    public const string OneRoute = "18 c63364";

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Message(byte type, string bodyHex)
    {
        var body = Hex(bodyHex);
        var message = new byte[19 + body.Length];
        message.AsSpan(0, 16).Fill(0xFF);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(16), (ushort)message.Length);
        message[18] = type;
        body.CopyTo(message, 19);
        return message;
    }

    public static byte[] Update(string attributesHex, string nlriHex = OneRoute, string withdrawnHex = "")
    {
        var withdrawn = Hex(withdrawnHex).Length;
        var attributes = Hex(attributesHex).Length;
        return Message(2, $"{withdrawn:x4}{withdrawnHex}{attributes:x4}{attributesHex}{nlriHex}");
    }

    /// <summary>An OPEN body for AS 64500, the given hold time and identifier, with the optional parameters given.</summary>
    public static byte[] Open(string parametersHex = "", string version = "04", string holdTime = "00b4", string identifier = "c6336401") =>
        Message(1, $"{version}fbf4{holdTime}{identifier}{Hex(parametersHex).Length:x2}{parametersHex}");
}
