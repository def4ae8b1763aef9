using System.Text;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Tests;

/// <summary>
/// What every <see cref="IHandledRequests"/> must do (issue 16, item 5; issue 17, item 2): one claim wins, the answer
/// comes back byte for byte, other people's request ids are theirs, expiry and "forget me" remove answers.
/// </summary>
public abstract class HandledRequestsContract<TStore> : StoreContract<TStore>
    where TStore : IHandledRequests, IPersonalData
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(150);
    private readonly string _user = "amzn1.ask.account." + Guid.NewGuid().ToString("N");
    private readonly string _request = "amzn1.echo-api.request." + Guid.NewGuid().ToString("N");
    private TStore? _store;

    private TStore Store => _store ??= NewStore();

    [Fact]
    public async Task The_first_claim_wins_and_a_repeat_sees_it_running()
    {
        Assert.Null(await Store.TryClaimRequestAsync(_user, _request, Now, Now + Window, Ct));

        var repeat = await NewStore().TryClaimRequestAsync(_user, _request, Now.AddSeconds(1), Now + Window, Ct);

        Assert.NotNull(repeat);
        Assert.Null(repeat.Response);
        Assert.Equal(Now, repeat.ClaimedAt);
    }

    [Fact]
    public async Task Of_many_concurrent_claims_from_several_processes_exactly_one_wins()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => NewStore()).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => stores[i % stores.Count].TryClaimRequestAsync(_user, _request, Now, Now + Window, Ct))));

        Assert.Single(results, r => r is null);
    }

    [Fact]
    public async Task The_answer_comes_back_byte_for_byte_to_a_repeat_and_to_a_reader()
    {
        var answer = Encoding.UTF8.GetBytes("""{"version":"1.0","response":{"outputSpeech":{"type":"SSML","ssml":"<speak>Your balance is $25.00.</speak>"}}}""");
        await Store.TryClaimRequestAsync(_user, _request, Now, Now + Window, Ct);
        await Store.SaveResponseAsync(_user, _request, answer, Now + Window, Ct);

        var repeat = await NewStore().TryClaimRequestAsync(_user, _request, Now.AddSeconds(10), Now.AddSeconds(10) + Window, Ct);

        Assert.Equal(answer, repeat?.Response);
        Assert.Equal(answer, (await NewStore().FindRequestAsync(_user, _request, Now, Ct))?.Response);
    }

    [Fact]
    public async Task Another_persons_request_with_the_same_id_is_a_request_of_their_own()
    {
        await Store.TryClaimRequestAsync(_user, _request, Now, Now + Window, Ct);
        await Store.SaveResponseAsync(_user, _request, [1, 2, 3], Now + Window, Ct);
        var other = "amzn1.ask.account." + Guid.NewGuid().ToString("N");

        // Neither reads this person's answer nor is blocked by it.
        Assert.Null(await Store.FindRequestAsync(other, _request, Now, Ct));
        Assert.Null(await Store.TryClaimRequestAsync(other, _request, Now, Now + Window, Ct));
        Assert.Equal([1, 2, 3], (await Store.FindRequestAsync(_user, _request, Now, Ct))?.Response);
    }

    [Fact]
    public async Task An_answer_is_kept_until_it_expires_and_then_the_id_can_be_claimed_again()
    {
        var expiresAt = Now + Window;
        await Store.TryClaimRequestAsync(_user, _request, Now, expiresAt, Ct);
        await Store.SaveResponseAsync(_user, _request, [7], expiresAt, Ct);

        Assert.NotNull(await Store.FindRequestAsync(_user, _request, expiresAt.AddSeconds(-1), Ct));
        Assert.Null(await Store.FindRequestAsync(_user, _request, expiresAt, Ct));
        Assert.Null(await Store.TryClaimRequestAsync(_user, _request, expiresAt, expiresAt + Window, Ct));
        Assert.Null((await Store.FindRequestAsync(_user, _request, expiresAt, Ct))?.Response);
    }

    [Fact]
    public async Task A_claim_that_never_got_an_answer_blocks_repeats_until_it_expires()
    {
        await Store.TryClaimRequestAsync(_user, _request, Now, Now + Window, Ct);

        var late = await NewStore().TryClaimRequestAsync(_user, _request, Now + Window - TimeSpan.FromSeconds(1), Now + Window + Window, Ct);

        Assert.NotNull(late);
        Assert.Null(late.Response);
    }

    [Fact]
    public async Task Forgetting_deletes_the_answers_and_keeps_only_claims_still_running()
    {
        var answered = "amzn1.echo-api.request.answered-" + Guid.NewGuid().ToString("N");
        await Store.TryClaimRequestAsync(_user, answered, Now, Now + Window, Ct);
        await Store.SaveResponseAsync(_user, answered, Encoding.UTF8.GetBytes("Alice Smith $25.00"), Now + Window, Ct);
        await Store.TryClaimRequestAsync(_user, _request, Now, Now + Window, Ct);

        await Store.ForgetAsync(_user, Now, Ct);

        Assert.Null(await Store.FindRequestAsync(_user, answered, Now, Ct));
        // The forgetting request's own claim: its answer (nothing personal) is kept, so its replay does nothing.
        Assert.NotNull(await Store.FindRequestAsync(_user, _request, Now, Ct));
        await Store.SaveResponseAsync(_user, _request, [9], Now + Window, Ct);
        Assert.Equal([9], (await Store.FindRequestAsync(_user, _request, Now, Ct))?.Response);
    }

}
