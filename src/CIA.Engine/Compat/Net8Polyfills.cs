#if !NET9_0_OR_GREATER
namespace CIA.Engine;

/// <summary>
/// What the engine uses from .NET 9 and later, written for the net8.0 build only (the net10.0 build uses the
/// runtime's own). Behaviour matches the runtime's: <c>MemoryExtensions.Split(ReadOnlySpan&lt;char&gt;, char)</c>
/// yields the range of every part, empty parts included.
/// </summary>
internal static class Net8Polyfills
{
    /// <summary>The ranges of the parts of <paramref name="source"/> between <paramref name="separator"/>s.</summary>
    public static SpanSplitEnumerator Split(this ReadOnlySpan<char> source, char separator) => new(source, separator);

    /// <summary>Enumerates the parts of a span as ranges (the .NET 9 enumerator's behaviour).</summary>
    internal ref struct SpanSplitEnumerator
    {
        private readonly ReadOnlySpan<char> _source;
        private readonly char _separator;
        private int _start;
        private bool _done;

        public SpanSplitEnumerator(ReadOnlySpan<char> source, char separator)
        {
            _source = source;
            _separator = separator;
            _start = 0;
            _done = false;
            Current = default;
        }

        public Range Current { get; private set; }

        public readonly SpanSplitEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            var at = _source[_start..].IndexOf(_separator);
            if (at < 0)
            {
                Current = _start.._source.Length;
                _done = true;
            }
            else
            {
                Current = _start..(_start + at);
                _start += at + 1;
            }

            return true;
        }
    }
}
#endif
