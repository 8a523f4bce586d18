using System.Runtime.CompilerServices;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>One step of a customer turn. Each reads the <see cref="TurnContext"/> and adds to its outcome.</summary>
public interface ITurnStage
{
    /// <summary>The stage's name in traces and the stage-duration metric (<c>chat.{name}</c>).</summary>
    string Name { get; }

    /// <summary>False when the outcome so far leaves the stage nothing to do (it is then skipped, untraced).</summary>
    bool AppliesTo(TurnContext turn) => true;

    /// <summary>Runs the stage; yields text the customer may see now (only generation has any).</summary>
    IAsyncEnumerable<string> RunAsync(TurnContext turn, CancellationToken ct);
}

/// <summary>A stage that shows the customer nothing while it runs.</summary>
public abstract class QuietStage : ITurnStage
{
    public abstract string Name { get; }

    public virtual bool AppliesTo(TurnContext turn) => true;

    protected abstract Task RunQuietAsync(TurnContext turn, CancellationToken ct);

    public async IAsyncEnumerable<string> RunAsync(TurnContext turn, [EnumeratorCancellation] CancellationToken ct)
    {
        await RunQuietAsync(turn, ct);
        yield break;
    }
}
