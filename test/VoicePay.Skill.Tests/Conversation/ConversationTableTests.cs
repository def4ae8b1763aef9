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
                    Assert.Contains(phase, new[] { Phase.PinForPayment, Phase.PinForAccounts, Phase.PinForForget, Phase.PinForAccountLookup, Phase.PinForMove });
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

/// <summary>Moves between the person's own accounts (issue 19, item 3) in the table.</summary>
public sealed class MoveRowsTests
{
    [Fact]
    public void A_move_is_gathered_then_read_back_and_never_reaches_a_pin_for_payment_or_sending_by_itself()
    {
        foreach (var row in ConversationTable.All.Where(r => r.Step is Step.CollectMove or Step.AskMoveAgain or Step.HelpMove))
        {
            Assert.DoesNotContain(Phase.PinForPayment, row.To);
            Assert.DoesNotContain(Phase.Sending, row.To);
        }
    }

    [Fact]
    public void Four_digits_said_while_a_move_asks_which_account_are_never_compared_as_a_pin()
    {
        Assert.Equal(Step.AskMoveAgain, ConversationTable.Next(Phase.CollectingMove, Input.Pin));
        Assert.Equal(Step.CheckPin, ConversationTable.Next(Phase.PinForMove, Input.Pin));
    }

    [Theory]
    [InlineData(Phase.PinForPayment, Step.CancelPaymentThen)]
    [InlineData(Phase.ReadBack, Step.ChangeMove)]
    [InlineData(Phase.ChoosingAccount, Step.CancelPaymentThen)]
    [InlineData(Phase.PinForForget, Step.KeepDataThen)]
    [InlineData(Phase.Idle, Step.CollectMove)]
    [InlineData(Phase.Listing, Step.CollectMove)]
    [InlineData(Phase.Sending, Step.ReportOutcome)]
    public void A_move_said_while_something_waits_says_what_became_of_it_first(Phase phase, Step step) =>
        Assert.Equal(step, ConversationTable.Next(phase, Input.MoveMoney));

    [Fact]
    public void A_moves_words_at_a_read_back_change_the_move_and_lead_where_a_move_does()
    {
        var row = ConversationTable.Find(Phase.ReadBack, Input.MoveMoney);
        Assert.Equal(Step.ChangeMove, row.Step);
        Assert.Equal(ConversationTable.Find(Phase.Idle, Input.MoveMoney).To, row.To);
        Assert.DoesNotContain(Phase.PinForPayment, row.To);
        Assert.DoesNotContain(Phase.Sending, row.To);
    }

    [Fact]
    public void Every_new_request_in_a_move_phase_drops_the_move_with_words()
    {
        foreach (var phase in new[] { Phase.PinForMove, Phase.CollectingMove })
        {
            foreach (var input in new[] { Input.SendMoney, Input.AccountQuestion, Input.ForgetMe, Input.SpendingQuestion })
            {
                Assert.Equal(Step.CancelPaymentThen, ConversationTable.Next(phase, input));
            }

            Assert.Equal(Step.CancelPaymentAndEnd, ConversationTable.Next(phase, Input.Cancel));
            Assert.Equal(Step.CancelPayment, ConversationTable.Next(phase, Input.No));
        }
    }
}

/// <summary>The declared rows: where each may lead, and what none may do with a confirmed action.</summary>
public sealed class DeclaredTransitionTests
{
    [Fact]
    public void Every_phase_and_input_has_exactly_one_row_and_it_names_somewhere_to_go()
    {
        foreach (var phase in Enum.GetValues<Phase>())
        {
            foreach (var input in Enum.GetValues<Input>())
            {
                var row = Assert.Single(ConversationTable.All, r => r.From == phase && r.On == input);
                Assert.NotEmpty(row.To);
            }
        }
    }

    [Fact]
    public void A_then_row_leads_where_the_idle_row_for_its_input_leads()
    {
        foreach (var row in ConversationTable.All.Where(r => ConversationTable.IsThen(r.Step)))
        {
            Assert.Equal(ConversationTable.Find(Phase.Idle, row.On).To, row.To);
        }
    }

    [Fact]
    public void No_row_drops_a_confirmed_action_silently()
    {
        foreach (var row in ConversationTable.All.Where(r => ConversationTable.HoldsConfirmedAction(r.From)))
        {
            var rule = ConversationTable.RuleFor(row.Step);
            Assert.True(rule is not null, $"{row.From} + {row.On} → {row.Step} says nothing of the confirmed action.");
            if (rule == ConfirmedActionRule.Keeps)
            {
                Assert.Equal([row.From], row.To);
            }

            if (row.To.Any(to => to != row.From))
            {
                Assert.NotEqual(ConfirmedActionRule.Keeps, rule);
            }
        }
    }

    [Fact]
    public void Only_a_yes_at_a_read_back_makes_an_action_confirmed()
    {
        foreach (var row in ConversationTable.All.Where(r => r.To.Any(ConversationTable.HoldsConfirmedAction) && !ConversationTable.HoldsConfirmedAction(r.From)))
        {
            Assert.Equal(Input.Yes, row.On);
            Assert.Contains(row.Step, new[] { Step.Confirm, Step.ConfirmForget });
        }
    }

    [Fact]
    public void The_architecture_document_shows_the_generated_diagram()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "architecture.md")).ReplaceLineEndings("\n");

        Assert.True(
            document.Contains("```mermaid\n" + ConversationTable.ToMermaid() + "```", StringComparison.Ordinal),
            "docs/architecture.md must contain the diagram exactly as ConversationTable.ToMermaid() renders it:\n" + ConversationTable.ToMermaid());
    }
}
