using VoicePay.Skill.Conversation;
using VoicePay.Testing;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>The conversation's table is total, and docs/architecture.md shows it as it is.</summary>
public sealed class ConversationTableTests
{
    [Fact]
    public void Every_input_has_a_step_in_every_phase()
    {
        foreach (var phase in Enum.GetValues<Phase>())
        {
            foreach (var input in Enum.GetValues<Input>())
            {
                Assert.True(Enum.IsDefined(ConversationTable.Next(phase, input)));
            }
        }
    }

    [Fact]
    public void The_architecture_document_shows_the_table_the_code_runs()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "architecture.md")).ReplaceLineEndings("\n");

        Assert.True(
            document.Contains(ConversationTable.ToMarkdown(), StringComparison.Ordinal),
            "docs/architecture.md must contain the table exactly as ConversationTable.ToMarkdown() renders it:\n" + ConversationTable.ToMarkdown());
    }

    [Theory]
    [InlineData(Phase.ReadBack, Input.Pin, Step.ConfirmFirst)]
    [InlineData(Phase.PinForPayment, Input.No, Step.CancelPayment)]
    [InlineData(Phase.PinForPayment, Input.AccountQuestion, Step.CancelPaymentThen)]
    [InlineData(Phase.Choosing, Input.Yes, Step.ChooseAgain)]
    [InlineData(Phase.Idle, Input.Yes, Step.NothingToConfirm)]
    public void The_defects_found_have_their_own_rows(Phase phase, Input input, Step step) =>
        Assert.Equal(step, ConversationTable.Next(phase, input));

    [Fact]
    public void Nothing_but_a_pin_in_a_pin_phase_or_a_yes_at_the_read_back_can_lead_to_sending()
    {
        foreach (var phase in Enum.GetValues<Phase>())
        {
            foreach (var input in Enum.GetValues<Input>())
            {
                var step = ConversationTable.Next(phase, input);
                if (step == Step.CheckPin)
                {
                    Assert.Equal(Input.Pin, input);
                    Assert.Contains(phase, new[] { Phase.PinForPayment, Phase.PinForAccounts, Phase.PinForForget });
                }

                if (step == Step.Confirm)
                {
                    Assert.Equal((Phase.ReadBack, Input.Yes), (phase, input));
                }
            }
        }
    }

    [Fact]
    public void Nothing_but_a_pin_after_the_forget_read_back_or_a_yes_to_it_can_lead_to_deleting()
    {
        foreach (var phase in Enum.GetValues<Phase>())
        {
            foreach (var input in Enum.GetValues<Input>())
            {
                var step = ConversationTable.Next(phase, input);
                if (step == Step.ConfirmForget)
                {
                    Assert.Equal((Phase.ConfirmForget, Input.Yes), (phase, input));
                }

                // A PIN said anywhere but after the read-back is never taken as "yes, delete".
                if (input == Input.Pin && phase != Phase.PinForForget)
                {
                    Assert.NotEqual(Step.ConfirmForget, step);
                }
            }
        }
    }
}
