#if !NET9_0_OR_GREATER
namespace System.Threading;

/// <summary>
/// The net8.0 build's stand-in for .NET 9's <c>System.Threading.Lock</c>, so that <c>lock (x)</c> on a field of this
/// type compiles for .NET 8: the compiler calls <see cref="EnterScope"/>, here a <see cref="Monitor"/> lock on a
/// private object, the same mutual exclusion. The net10.0 build uses the runtime's own <c>Lock</c>.
/// </summary>
internal sealed class Lock
{
    private readonly object _monitor = new();

    /// <summary>Enters the lock; disposing the scope leaves it.</summary>
    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    /// <summary>A held lock, released by <see cref="Dispose"/>.</summary>
    public readonly ref struct Scope
    {
        private readonly object _monitor;

        internal Scope(object monitor) => _monitor = monitor;

        /// <summary>Leaves the lock.</summary>
        public void Dispose() => Monitor.Exit(_monitor);
    }
}
#endif
