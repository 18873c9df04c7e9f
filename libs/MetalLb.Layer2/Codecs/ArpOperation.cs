namespace MetalLb.Layer2.Codecs;

/// <summary>The ARP opcode.</summary>
public enum ArpOperation : ushort
{
    Request = 1,
    Reply = 2,
}
