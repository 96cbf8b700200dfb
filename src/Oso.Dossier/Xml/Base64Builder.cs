using System.Buffers;
using System.Text;

namespace Oso.Dossier.Xml;

/// <summary>Collects an attachment's base64 text while it is read, narrowing it to ASCII segments as it goes.</summary>
internal sealed class Base64Builder
{
    private readonly List<byte[]> _full = [];   // completely filled segments
    private byte[]? _current;                    // the segment being filled
    private int _inCurrent;
    private int _length;
    private StringBuilder? _text;                // once a non-ASCII character appears, the text is kept as text

    public void Append(ReadOnlySpan<char> chars)
    {
        if (_text is not null)
        {
            _text.Append(chars);
            return;
        }
        while (chars.Length > 0)
        {
            if (_current is null || _inCurrent == _current.Length)
            {
                if (_current is not null) _full.Add(_current);
                // the first piece of a small attachment is sized exactly; larger ones go in fixed segments
                var size = _current is null ? Math.Min(Math.Max(chars.Length, 64), Base64Text.SegmentSize) : Base64Text.SegmentSize;
                _current = GC.AllocateUninitializedArray<byte>(size);
                _inCurrent = 0;
            }
            var target = _current.AsSpan(_inCurrent);
            var take = Math.Min(target.Length, chars.Length);
            if (Ascii.FromUtf16(chars[..take], target, out var written) != OperationStatus.Done)
            {
                _inCurrent += written;
                _length += written;
                SwitchToText();
                _text!.Append(chars[written..]);
                return;
            }
            _inCurrent += take;
            _length += take;
            chars = chars[take..];
        }
    }

    private IEnumerable<byte[]> Segments()
    {
        foreach (var s in _full) yield return s;
        if (_current is not null && _inCurrent > 0)
            yield return _inCurrent == _current.Length ? _current : _current.AsSpan(0, _inCurrent).ToArray();
    }

    private void SwitchToText()
    {
        _text = new StringBuilder(_length + 64);
        foreach (var segment in Segments()) _text.Append(Encoding.ASCII.GetString(segment));
        _full.Clear();
        _current = null;
    }

    /// <summary>The collected text: compact ASCII, or a string when it held other characters (then it is not base64).</summary>
    public (Base64Text? Base64, string? Text) Build() =>
        _text is not null ? (null, _text.ToString()) : (Base64Text.FromSegments([.. Segments()], _length), null);
}
