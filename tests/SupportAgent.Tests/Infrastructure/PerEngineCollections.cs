using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("SupportAgent.Tests.Infrastructure.PerEngineCollections", "SupportAgent.Tests")]

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, with each test collection run on its database engine (<see cref="TestDatabase"/>): one test
/// host runs the SQLite and the PostgreSQL classes side by side. Before, the PostgreSQL classes were compiled into a
/// second test project, whose host compiled the whole server again at run time (docs/benchmarks.md, "Suite time,
/// seventh round").
/// </summary>
public sealed class PerEngineCollections(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource)
        {
            var cases = testCases.ToList();
            var onPostgres = cases.Select(c => c.TestMethod.TestClass.Class.ToRuntimeType()).Distinct()
                .Select(type => type.GetCustomAttribute<OnPostgresAttribute>() is not null).Distinct().ToList();
            if (onPostgres.Count > 1)
                throw new InvalidOperationException($"Test collection '{testCollection.DisplayName}' mixes classes on PostgreSQL with classes that are not; give each engine a collection of its own.");
            // Set in this async method: it holds for the collection's fixtures and tests, and ends with the method.
            TestDatabase.UseForCollection(onPostgres[0] ? "postgres" : null);
            return await base.RunTestCollectionAsync(messageBus, testCollection, cases, cancellationTokenSource);
        }
    }
}
