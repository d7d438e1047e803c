using Microsoft.AspNetCore.Mvc;

namespace Netwerk.Web.Problems;

/// <summary>A refusal whose ProblemDetails the endpoint builds itself (e.g. the spreadsheet rows that stop an import); written as it is.</summary>
public sealed class ProblemResponseException(ProblemDetails problem) : Exception(problem.Detail)
{
    public ProblemDetails Problem { get; } = problem;
}
