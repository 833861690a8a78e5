using Mote.Data.Simulation;

namespace Mote.Data.Tests.Simulation;

public sealed class BearingGeometryTests
{
    [Fact]
    public void The_6205_defect_frequencies_match_the_published_multiples_of_shaft_speed()
    {
        // Case Western Reserve University's bearing data centre lists, for its 6205-2RS JEM drive-end bearing, in
        // multiples of shaft speed: inner race 5.4152, outer race 3.5848, cage 0.39828, and rolling element 4.7135
        // (the rate at which a spalled ball strikes a race, twice the spin frequency).
        var bearing = BearingGeometry.Catalogue.Single(b => b.Name == "6205");

        Assert.Equal(5.4152, bearing.InnerRaceHz(1), 4);
        Assert.Equal(3.5848, bearing.OuterRaceHz(1), 4);
        Assert.Equal(0.39828, bearing.CageHz(1), 4);
        Assert.Equal(4.7135, 2 * bearing.BallSpinHz(1), 4);
        Assert.Equal(30 * 3.5848, bearing.OuterRaceHz(30), 2);
    }

    [Fact]
    public void A_contact_angle_narrows_the_gap_between_inner_and_outer_race_frequencies()
    {
        var radial = new BearingGeometry("radial", 12, 8, 40, 0);
        var angular = radial with { ContactAngleDegrees = 40 };

        // BPFO + BPFI = n·f whatever the angle; the difference shrinks with cos α.
        Assert.Equal(12, angular.OuterRaceHz(1) + angular.InnerRaceHz(1), 9);
        Assert.True(angular.InnerRaceHz(1) - angular.OuterRaceHz(1) < radial.InnerRaceHz(1) - radial.OuterRaceHz(1));
    }
}
