using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("SupportAgent.Tests.Infrastructure.SlowestFirst", "SupportAgent.Tests")]

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// Marks a test class (or a collection definition) whose tests take tens of seconds in all: real server processes,
/// a browser, training. The suite starts such collections first, so they overlap the many short ones instead of
/// running alone at the end of the run while the other cores have nothing left to do.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SlowCollectionAttribute : Attribute;

/// <summary>
/// Orders test collections slow ones first (<see cref="SlowCollectionAttribute"/>), the rest in xunit's own order.
/// Collections still run in parallel; only which ones start first changes.
/// </summary>
public sealed class SlowestFirst : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.UniqueID).OrderByDescending(IsSlow); // a stable sort: the rest keep their order

    private static bool IsSlow(ITestCollection collection)
    {
        // A named collection has a definition class; a class without one is its own collection, named after it.
        var type = collection.CollectionDefinition ?? (collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
            ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..])
            : null);
        return type?.GetCustomAttributes(typeof(SlowCollectionAttribute)).Any() == true;
    }
}
