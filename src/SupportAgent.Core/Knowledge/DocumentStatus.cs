namespace SupportAgent.Core.Knowledge;

public enum DocumentStatus
{
    Pending,
    Indexing,
    Indexed,
    Failed,
}
