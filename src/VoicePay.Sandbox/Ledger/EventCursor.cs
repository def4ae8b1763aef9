using System.Buffers.Binary;
using System.Buffers.Text;

namespace VoicePay.Sandbox.Ledger;

/// <summary>
/// The feed's cursor: the position after the last event read. Opaque to clients on purpose (a
/// versioned, base64url-encoded sequence number), so the bank may change what it encodes without
/// breaking anyone who stores it.
/// </summary>
internal static class EventCursor
{
    private const byte Version = 1;

    public static string Encode(long sequence)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], sequence);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string text, out long sequence)
    {
        sequence = 0;
        Span<byte> bytes = stackalloc byte[16];
        if (text.Length is 0 or > 20 || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != 9 || bytes[0] != Version)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        return sequence >= 0;
    }
}
