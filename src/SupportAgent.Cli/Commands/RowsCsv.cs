using System.Globalization;
using SupportAgent.Core.Answering.Semantic;

namespace SupportAgent.Cli.Commands;

/// <summary>Calibration passages as CSV (case, rank, answers, must-escalate, features), so several tenants' cases can be fitted together.</summary>
internal static class RowsCsv
{
    public static IEnumerable<string> Write(IEnumerable<CalibrationRow> rows) =>
        ["case,rank,answers,escalate," + string.Join(",", ConfidenceFeatures.Names),
            .. rows.Select(r => string.Join(",", [r.CaseId, r.Rank.ToString(CultureInfo.InvariantCulture), r.Answers ? "1" : "0", r.MustEscalate ? "1" : "0",
                .. r.Features.ToArray().Select(x => x.ToString("R", CultureInfo.InvariantCulture))]))];

    public static IEnumerable<CalibrationRow> Read(IEnumerable<string> lines) =>
        lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c =>
        {
            var f = c[4..].Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new CalibrationRow(c[0], int.Parse(c[1], CultureInfo.InvariantCulture), new ConfidenceFeatures(f[0], f[1], f[2], f[3], f[4]), c[2] == "1", c[3] == "1");
        });
}
