namespace VoicePay.Storage.Tests;

/// <summary>Occurrences of a byte sequence in a buffer (overlapping ones counted).</summary>
public static class ByteScan
{
    public static int Count(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle); at >= 0; at = Next(haystack, needle, at))
        {
            count++;
        }

        return count;
    }

    private static int Next(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle, int previous)
    {
        var rest = haystack[(previous + 1)..].IndexOf(needle);
        return rest < 0 ? -1 : previous + 1 + rest;
    }
}
