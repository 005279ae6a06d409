using System.Text;

namespace WireGuard.Uapi;

/// <summary>Reads `\n`-terminated ASCII lines from a UAPI stream with a length limit (a hostile client cannot grow memory).</summary>
internal sealed class UapiLineReader(Stream stream)
{
    /// <summary>Longest accepted line; the longest real one (a key line) is under 100 bytes.</summary>
    public const int MaxLine = 4096;

    private readonly byte[] _buf = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>The next line without its `\n`; null at end of stream (a final unterminated line is returned first).</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var nl = Array.IndexOf(_buf, (byte)'\n', _start, _end - _start);
            if (nl >= 0)
            {
                var line = Encoding.UTF8.GetString(_buf, _start, nl - _start);
                _start = nl + 1;
                return line;
            }

            if (_end - _start >= MaxLine)
            {
                throw new InvalidDataException($"UAPI line longer than {MaxLine} bytes");
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var n = await stream.ReadAsync(_buf.AsMemory(_end), ct);
            if (n == 0)
            {
                if (_end == _start)
                {
                    return null;
                }

                var rest = Encoding.UTF8.GetString(_buf, _start, _end - _start);
                _start = _end;
                return rest;
            }

            _end += n;
        }
    }
}
