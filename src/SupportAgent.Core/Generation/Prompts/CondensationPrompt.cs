using Microsoft.SemanticKernel;
using SupportAgent.Core.Retrieval.Condensing;

namespace SupportAgent.Core.Generation.Prompts;

/// <summary>
/// The Semantic Kernel prompt template that rewrites a follow-up into one standalone search query. The transcript
/// and the message are template variables (HTML-encoded inside the chat messages, like the answer prompt's), so a
/// customer cannot open a system message; the worst a hostile message can do is spoil its own search query.
/// </summary>
public static class CondensationPrompt
{
    /// <summary>Earlier turns the model sees: enough for "they" and "that one", short enough to stay cheap.</summary>
    public const int Turns = 6;

    public const string Template = """
        <message role="system">Rewrite the customer's last message as one standalone search query for the support knowledge base.
        Resolve pronouns to the names they refer to and keep the topic. Reply with the query only.</message>
        <message role="user">{{$transcript}}
        Customer (last message): {{$question}}</message>
        """;

    public static KernelArguments Arguments(string question, IReadOnlyList<ConversationTurn> history, PromptExecutionSettings settings) => new(settings)
    {
        ["transcript"] = string.Join("\n", history.TakeLast(Turns).Select(t => $"{(t.FromCustomer ? "Customer" : "Agent")}: {t.Text}")),
        ["question"] = question,
    };
}
