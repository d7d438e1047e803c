using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>
/// A planning request that cannot be answered as asked (empty group, no tables, a window that ends before it
/// starts, ...). Carries a stable machine <see cref="Code"/> and a Dutch and English text so the web host can map it
/// to a 400 ProblemDetails without knowing each case.
/// </summary>
public sealed class PlanningException(string code, LocalizedText text, IReadOnlyList<string>? subjects = null)
    : Exception($"{code}: {text.En}")
{
    /// <summary>Stable, lower-case, dash-separated code, e.g. <c>participant-in-both-groups</c>.</summary>
    public string Code { get; } = code;

    public LocalizedText Text { get; } = text;

    /// <summary>The ids or field names the problem is about, so a form can point at them.</summary>
    public IReadOnlyList<string> Subjects { get; } = subjects ?? [];
}
