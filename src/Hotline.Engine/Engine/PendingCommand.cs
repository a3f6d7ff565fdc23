using System.Threading.Tasks.Sources;
using Hotline.Engine.Protocol;
using Microsoft.Extensions.ObjectPool;

namespace Hotline.Engine.Engine;

/// <summary>
/// A submitted command and the awaitable its caller holds: a pooled <see cref="IValueTaskSource{T}"/>,
/// so submitting allocates no task. The loop completes it; the caller's await returns it to the pool.
/// </summary>
internal sealed class PendingCommand : IValueTaskSource<IReadOnlyList<EngineEvent>>
{
    private ManualResetValueTaskSourceCore<IReadOnlyList<EngineEvent>> _core = new() { RunContinuationsAsynchronously = true };
    private ObjectPool<PendingCommand>? _pool;

    public EngineCommand? Command { get; set; }

    /// <summary>A read of the engine's state, run on the loop instead of a command; null for a command.</summary>
    public Action<EngineCore>? Read { get; set; }

    public ValueTask<IReadOnlyList<EngineEvent>> AsValueTask() => new(this, _core.Version);

    public void Complete(IReadOnlyList<EngineEvent> events) => _core.SetResult(events);

    public void Fail(Exception error) => _core.SetException(error);

    public IReadOnlyList<EngineEvent> GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Command = null;
            Read = null;
            _core.Reset();
            _pool?.Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Creates pending commands that return themselves to the pool they came from.</summary>
    internal sealed class Policy : PooledObjectPolicy<PendingCommand>
    {
        private ObjectPool<PendingCommand>? _owner;

        public override PendingCommand Create() => new() { _pool = _owner };

        public override bool Return(PendingCommand obj) => obj.Command is null && obj.Read is null;

        internal void Attach(ObjectPool<PendingCommand> owner) => _owner = owner;
    }
}
