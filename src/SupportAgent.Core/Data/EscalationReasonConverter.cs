using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SupportAgent.Core.Answering;

namespace SupportAgent.Core.Data;

/// <summary>An escalation reason stored as its public spelling ("low_confidence"), as the column held when reasons were strings.</summary>
internal sealed class EscalationReasonConverter() : ValueConverter<EscalationReason, string>(v => v.Name(), s => EscalationReasons.Parse(s));
