using CIA.Engine.Simulation;

namespace CIA.Engine.Tests.Simulation;

public sealed class CandidateQueueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Appending_to_a_full_queue_with_no_dead_head_makes_room(int size)
    {
        // A queue built to its exact size (as the territory builds them) and full, with its head at 0: a run that takes
        // the territory's queues appends arrivals to it. One entry of length 1 once failed here (the "slide down" branch
        // ran with nothing to slide).
        var items = Enumerable.Range(0, size).Select(i => new QueueEntry(i, i, i, 0)).ToArray();
        var q = new CandidateQueue(items, size, 0);
        q.Append(new QueueEntry(100, 100, 100, 0));
        q.Count.ShouldBe(size + 1);
        q.Items[q.Count - 1].Application.ShouldBe(100);
        q.HeadKey.ShouldBe(0);
    }

    [Fact]
    public void Appending_to_a_full_queue_with_a_dead_half_slides_the_live_part_down()
    {
        var q = new CandidateQueue([new QueueEntry(1, 1, 1, 0), new QueueEntry(2, 2, 2, 0), new QueueEntry(3, 3, 3, 0), new QueueEntry(4, 4, 4, 0)], 4, 0);
        q.Head = 2; // entries 1 and 2 are gone
        q.RefreshHead();
        q.Append(new QueueEntry(5, 5, 5, 0));
        q.Items.Length.ShouldBe(4); // no new array: the live part moved down
        q.Items.Take(q.Count).Select(e => e.Application).Skip(q.Head).ShouldBe([3, 4, 5]);
        q.HeadKey.ShouldBe(3);
    }
}
