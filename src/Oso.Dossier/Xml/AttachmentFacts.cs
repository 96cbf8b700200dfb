using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Buffers.Text;

namespace Oso.Dossier.Xml;

/// <summary>
/// What can be said about an attachment's base64 text without keeping it: its size, whether it is valid base64, and
/// whether the decoded bytes look like a ZIP file (a local-file header at the start and an end-of-central-directory
/// record at the end). Validation computes these while streaming, so that checking a directory of dossiers never
/// holds their attachments in memory.
/// </summary>
/// <param name="TextLength">Characters of text (whitespace included).</param>
/// <param name="DecodedLength">Bytes of content, or null when the text is not valid base64.</param>
/// <param name="StartsLikeZip">The content starts with a ZIP signature (<c>PK\x03\x04</c>, or <c>PK\x05\x06</c> for an empty archive).</param>
/// <param name="EndsLikeZip">The content ends with a ZIP end-of-central-directory record (without archive comment).</param>
public sealed record AttachmentFacts(long TextLength, long? DecodedLength, bool StartsLikeZip, bool EndsLikeZip)
{
    /// <summary>True when the text is valid base64.</summary>
    public bool IsBase64 => DecodedLength is not null;

    /// <summary>True when the content looks like a complete ZIP file.</summary>
    public bool LooksLikeZip => IsBase64 && StartsLikeZip && EndsLikeZip;
}

/// <summary>Computes <see cref="AttachmentFacts"/> over base64 text fed in chunks, in constant memory.</summary>
internal sealed class AttachmentFactsBuilder
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n");

    private static readonly SearchValues<char> PadOrWhite = SearchValues.Create("= \t\r\n");

    private const int TailSize = 64; // significant characters kept from the end: 48 bytes ≥ the 22-byte EOCD record

    private long _textLength;
    private long _significant;
    private int _padding;
    private bool _invalid;
    private readonly char[] _head = new char[8];
    private int _headCount;
    private readonly char[] _tail = new char[TailSize];
    private int _tailCount;
    private readonly char[] _scratch = new char[TailSize];

    /// <summary>
    /// The index of the first character that is not a base64 letter (A–Z, a–z, 0–9, '+', '/'), or -1. Range checks on
    /// 16 characters at a time: about eight times faster than <c>IndexOfAnyExcept</c> with a set of 64 characters, and an
    /// attachment is most of a dossier's bytes.
    /// </summary>
    internal static int IndexOfNonLetter(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && text.Length >= Vector256<ushort>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(text));
            for (; i <= text.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var c = Vector256.LoadUnsafe(ref start, (nuint)i);
                var letter = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'A'), Vector256.Create((ushort)25))
                    | Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25))
                    | Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9))
                    | Vector256.Equals(c, Vector256.Create((ushort)'+'))
                    | Vector256.Equals(c, Vector256.Create((ushort)'/'));
                if (letter != Vector256<ushort>.AllBitsSet)
                    return i + BitOperations.TrailingZeroCount((~letter).ExtractMostSignificantBits());
            }
        }
        for (; i < text.Length; i++)
            if (!IsLetter(text[i])) return i;
        return -1;
    }

    private static bool IsLetter(char c) =>
        (uint)(c - 'A') <= 25 || (uint)(c - 'a') <= 25 || (uint)(c - '0') <= 9 || c is '+' or '/';

    // vectorised over the chunk: no per-character work except for the first and last few characters
    public void Append(ReadOnlySpan<char> chunk)
    {
        _textLength += chunk.Length;
        if (_invalid || chunk.IsEmpty) return;
        // one pass over the common part: base64 letters, up to a line break or the padding
        var letters = IndexOfNonLetter(chunk);
        if (letters < 0) letters = chunk.Length;
        if (_padding > 0 && letters > 0)
        {
            _invalid = true; // data after padding
            return;
        }
        _significant += letters;
        if (letters < chunk.Length && !Rest(chunk[letters..])) return;
        Remember(chunk);
    }

    // the part after the first non-letter: whitespace and padding are counted, anything else makes the text invalid
    private bool Rest(ReadOnlySpan<char> rest)
    {
        if (rest.IndexOfAnyExcept(Allowed) >= 0)
        {
            _invalid = true;
            return false;
        }
        var white = rest.Count(' ') + rest.Count('\n') + rest.Count('\r') + rest.Count('\t');
        _significant += rest.Length - white;

        var firstPad = _padding > 0 ? 0 : rest.IndexOf('=');
        if (firstPad >= 0)
        {
            var padded = rest[firstPad..];
            if (padded.IndexOfAnyExcept(PadOrWhite) >= 0)
            {
                _invalid = true; // data after padding
                return false;
            }
            _padding += padded.Count('=');
        }
        return true;
    }

    // the first significant characters of the text, and the last ones so far
    private void Remember(ReadOnlySpan<char> chunk)
    {
        for (var i = 0; i < chunk.Length && _headCount < _head.Length; i++)
            if (!IsWhite(chunk[i])) _head[_headCount++] = chunk[i];

        // the last significant characters of this chunk, then merged behind the previous tail
        var n = 0;
        for (var i = chunk.Length - 1; i >= 0 && n < TailSize; i--)
            if (!IsWhite(chunk[i])) _scratch[TailSize - 1 - n++] = chunk[i];
        var keep = Math.Min(_tailCount, TailSize - n);
        _tail.AsSpan(_tailCount - keep, keep).CopyTo(_tail); // overlapping: copied as if through a buffer
        _scratch.AsSpan(TailSize - n, n).CopyTo(_tail.AsSpan(keep));
        _tailCount = keep + n;
    }

    private static bool IsWhite(char c) => c is ' ' or '\t' or '\r' or '\n';

    public AttachmentFacts Build()
    {
        var valid = !_invalid && _significant % 4 == 0 && _padding <= 2;
        long? decoded = valid ? _significant / 4 * 3 - _padding : null;
        var starts = valid && Decode(_head.AsSpan(0, _headCount - _headCount % 4)) is { Length: >= 4 } head
            && head[0] == (byte)'P' && head[1] == (byte)'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        var ends = valid && EndsWithDirectory();
        return new AttachmentFacts(_textLength, decoded, starts, ends);
    }

    private bool EndsWithDirectory()
    {
        // the tail must end on a quad boundary of the whole text, which it does when the text is valid base64
        var count = _tailCount - _tailCount % 4;
        if (count < 32) return false;
        var bytes = Decode(_tail.AsSpan(_tailCount - count, count));
        return bytes.Length >= 22 && HasDirectoryRecord(bytes);
    }

    internal static bool HasDirectoryRecord(ReadOnlySpan<byte> end) =>
        end.Length >= 22 && end[^22] == (byte)'P' && end[^21] == (byte)'K' && end[^20] == 5 && end[^19] == 6;

    private static byte[] Decode(ReadOnlySpan<char> chars)
    {
        var bytes = new byte[chars.Length / 4 * 3];
        return Convert.TryFromBase64Chars(chars, bytes, out var n) ? bytes.AsSpan(0, n).ToArray() : [];
    }
}
