namespace G6.Summary.Backplane;

/// <summary>What health and metrics read of the event log's backplane.</summary>
public interface IBackplaneStatus
{
    BackplaneStatus Status { get; }
}
