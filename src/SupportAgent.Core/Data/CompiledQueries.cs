using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SupportAgent.Core.Data;

/// <summary>
/// EF Core's compiled queries, compiled once per model. A compiled query binds to the model it first runs with and
/// refuses any other, so a static one fails in a process that opens both engines: one model per engine (the test host
/// runs its SQLite and PostgreSQL classes side by side; a tool copying a store between engines would too). The delegates
/// these return have EF's own signatures; each compiles the query for a model on its first call with it.
/// </summary>
public static class CompiledQueries
{
    public static Func<SupportDbContext, T1, CancellationToken, Task<TResult>> CompileAsyncQuery<T1, TResult>(
        Expression<Func<SupportDbContext, T1, CancellationToken, TResult>> query)
    {
        var perModel = PerModel(() => EF.CompileAsyncQuery(query));
        return (db, p1, ct) => perModel(db)(db, p1, ct);
    }

    public static Func<SupportDbContext, T1, T2, CancellationToken, Task<TResult>> CompileAsyncQuery<T1, T2, TResult>(
        Expression<Func<SupportDbContext, T1, T2, CancellationToken, TResult>> query)
    {
        var perModel = PerModel(() => EF.CompileAsyncQuery(query));
        return (db, p1, p2, ct) => perModel(db)(db, p1, p2, ct);
    }

    public static Func<SupportDbContext, T1, T2, Task<TResult>> CompileAsyncQuery<T1, T2, TResult>(
        Expression<Func<SupportDbContext, T1, T2, TResult>> query)
    {
        var perModel = PerModel(() => EF.CompileAsyncQuery(query));
        return (db, p1, p2) => perModel(db)(db, p1, p2);
    }

    public static Func<SupportDbContext, T1, T2, IAsyncEnumerable<TResult>> CompileAsyncQuery<T1, T2, TResult>(
        Expression<Func<SupportDbContext, T1, T2, IQueryable<TResult>>> query)
    {
        var perModel = PerModel(() => EF.CompileAsyncQuery(query));
        return (db, p1, p2) => perModel(db)(db, p1, p2);
    }

    public static Func<SupportDbContext, T1, T2, T3, IAsyncEnumerable<TResult>> CompileAsyncQuery<T1, T2, T3, TResult>(
        Expression<Func<SupportDbContext, T1, T2, T3, IQueryable<TResult>>> query)
    {
        var perModel = PerModel(() => EF.CompileAsyncQuery(query));
        return (db, p1, p2, p3) => perModel(db)(db, p1, p2, p3);
    }

    private static Func<SupportDbContext, TQuery> PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
    {
        var compiled = new ConditionalWeakTable<IModel, TQuery>();
        // Created once here, not per call: the queries sit on a customer turn's path.
        ConditionalWeakTable<IModel, TQuery>.CreateValueCallback create = _ => compile();
        return db => compiled.GetValue(db.Model, create);
    }
}
