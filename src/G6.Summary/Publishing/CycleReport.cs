namespace G6.Summary.Publishing;

/// <summary>What the summary loop hands the publisher each cycle.</summary>
/// <param name="Cycle">The loop's cycle number, from 1.</param>
/// <param name="Panels">Every panel, in display order.</param>
/// <param name="Problem">A short message for an <c>error</c> event (first failure of a streak), or null.</param>
/// <param name="Source">The status document the panels were built from.</param>
/// <param name="ContentOnly">
/// A pushed status: publish an update if panels changed and nothing else (no heartbeat, no error, no idle
/// cycle counted), so the push's answer describes exactly the event it caused.
/// </param>
public sealed record CycleReport(long Cycle, IReadOnlyList<Panels.PanelContent> Panels, string? Problem = null, Snapshot.StatusVersion Source = default, bool ContentOnly = false);
