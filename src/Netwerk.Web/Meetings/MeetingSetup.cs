using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Storage;
using Netwerk.Web.Analysis;

namespace Netwerk.Web.Meetings;

public static class MeetingSetup
{
    /// <summary>The planning snapshot, and the analysis cache shared with the analysis endpoints (findings become meetings).</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<PlanningGraph>();
        services.AddSingleton(sp => new AnalysisCache(sp.GetRequiredService<IGraphStore>(), new BlindSpotFinder()));
        return services;
    }
}
