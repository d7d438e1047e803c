using System.Diagnostics;
using Hangfire.Server;

namespace Netwerk.Web.Telemetry;

// Reads the running job's identity from its context (PerformContext.BackgroundJob is of the banned type, whose static
// methods enqueue jobs; nothing is enqueued here).
#pragma warning disable RS0030

/// <summary>A span (<c>job.&lt;Type&gt;.&lt;Method&gt;</c>) and a duration measurement around every background job this instance runs.</summary>
public sealed class JobTelemetryFilter(NetwerkTelemetry telemetry) : IServerFilter
{
    private const string StartedKey = "netwerk.started";
    private const string ActivityKey = "netwerk.activity";

    public void OnPerforming(PerformingContext context)
    {
        var name = Name(context.BackgroundJob.Job);
        var activity = NetwerkTelemetry.Source.StartActivity("job." + name, ActivityKind.Consumer);
        activity?.SetTag("netwerk.job", name);
        activity?.SetTag("netwerk.job.id", context.BackgroundJob.Id);
        context.Items[ActivityKey] = activity;
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        var succeeded = context.Exception is null || context.ExceptionHandled;
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp)
        {
            telemetry.JobRan(Name(context.BackgroundJob.Job), Stopwatch.GetElapsedTime(timestamp), succeeded);
        }
        if (context.Items.TryGetValue(ActivityKey, out var value) && value is Activity activity)
        {
            if (!succeeded) activity.SetStatus(ActivityStatusCode.Error, context.Exception?.GetType().Name);
            activity.Dispose();
        }
    }

    private static string Name(Hangfire.Common.Job? job) => job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}";
}
