using System.Buffers.Binary;

namespace NetLens.Core.Scanning;

/// <summary>
/// An ONC RPC call of procedure 0, NULL (RFC 5531 §9 and §12; XDR per RFC 4506): every RPC program answers it, with an
/// accepted reply or PROG_UNAVAIL/PROG_MISMATCH, so any reply proves an RPC service listens.
/// </summary>
public static class UdpRpcNullCall
{
    public const int Length = 40;

    /// <summary>rpcbind / portmapper (RFC 1833), version 2.</summary>
    public const uint PortmapperProgram = 100000;

    /// <summary>NFS (RFC 1813 numbers it 100003), version 3.</summary>
    public const uint NfsProgram = 100003;

    private const uint Call = 0;
    private const uint RpcVersion = 2;
    private const uint AuthNone = 0;

    public static byte[] Build(uint xid, uint program, uint version)
    {
        var call = new byte[Length];
        var words = call.AsSpan();
        uint[] fields = [xid, Call, RpcVersion, program, version, 0 /* NULL procedure */, AuthNone, 0 /* cred length */, AuthNone, 0 /* verf length */];
        for (var i = 0; i < fields.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(words[(i * 4)..], fields[i]);
        }

        return call;
    }
}
