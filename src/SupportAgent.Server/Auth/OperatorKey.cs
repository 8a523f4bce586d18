using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Server.Auth;

/// <summary>
/// The operator key from configuration. In Development, when none is set, one is generated once and kept in the
/// data directory so it survives restarts; anywhere else a missing key stops the server from starting.
/// </summary>
public sealed class OperatorKey
{
    public string Value { get; }
    public bool Generated { get; }

    public OperatorKey(IOptions<SupportAgentOptions> options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.OperatorKey))
        {
            Value = options.Value.OperatorKey;
            return;
        }
        if (!environment.IsDevelopment())
            throw new OptionsValidationException(nameof(SupportAgentOptions.OperatorKey), typeof(SupportAgentOptions),
                ["SupportAgent:OperatorKey is required outside Development (set SupportAgent__OperatorKey)."]);
        var file = Path.Combine(options.Value.ResolveDataDirectory(), "operator.key");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (!File.Exists(file)) File.WriteAllText(file, $"sa_operator_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}");
        Value = File.ReadAllText(file).Trim();
        Generated = true;
    }
}
