using Microsoft.SemanticKernel;

namespace SupportAgent.Core.Generation.Prompts;

/// <summary>The agent's prompts as Semantic Kernel functions, parsed once; any route's kernel runs them.</summary>
public static class ChatPrompts
{
    public static readonly KernelFunction Answer = KernelFunctionFactory.CreateFromPrompt(GroundedPrompt.Template, functionName: "answer");

    public static readonly KernelFunction Condense = KernelFunctionFactory.CreateFromPrompt(CondensationPrompt.Template, functionName: "condense");
}
