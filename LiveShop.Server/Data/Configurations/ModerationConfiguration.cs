using LiveShop.Server.Features.Moderation;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("Questions");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.AuthorName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(q => q.Text).HasMaxLength(Limits.QuestionMaxLength).IsRequired();
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(q => q.Answer).HasMaxLength(Limits.AnswerMaxLength);
        builder.Property(q => q.AnsweredByName).HasMaxLength(Limits.DisplayNameMaxLength);
        builder.HasIndex(q => new { q.ShowId, q.AskedAt });
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(q => q.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionVoteConfiguration : IEntityTypeConfiguration<QuestionVote>
{
    public void Configure(EntityTypeBuilder<QuestionVote> builder)
    {
        builder.ToTable("QuestionVotes");

        // One vote per user per question, whatever races.
        builder.HasKey(v => new { v.QuestionId, v.UserId });
        builder.HasIndex(v => v.UserId);
        builder.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShowModeratorConfiguration : IEntityTypeConfiguration<ShowModerator>
{
    public void Configure(EntityTypeBuilder<ShowModerator> builder)
    {
        builder.ToTable("ShowModerators");
        builder.HasKey(m => new { m.ShowId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(m => m.ShowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShowRestrictionConfiguration : IEntityTypeConfiguration<ShowRestriction>
{
    public void Configure(EntityTypeBuilder<ShowRestriction> builder)
    {
        builder.ToTable("ShowRestrictions");
        builder.HasKey(r => new { r.ShowId, r.UserId });
        builder.Property(r => r.UserName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(r => r.ByName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(r => r.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShowRestrictionCoverConfiguration : IEntityTypeConfiguration<ShowRestrictionCover>
{
    public void Configure(EntityTypeBuilder<ShowRestrictionCover> builder)
    {
        builder.ToTable("ShowRestrictionCovers");
        builder.HasKey(c => new { c.ShowId, c.UserId, c.Key });
        builder.Property(c => c.Key).HasMaxLength(Features.Security.IdentityKeys.MaxLength).IsRequired();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.HasIndex(c => new { c.ShowId, c.Key });
        builder.HasOne<ShowRestriction>().WithMany().HasForeignKey(c => new { c.ShowId, c.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HeldMessageConfiguration : IEntityTypeConfiguration<HeldMessage>
{
    public void Configure(EntityTypeBuilder<HeldMessage> builder)
    {
        builder.ToTable("HeldMessages");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.AuthorName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(h => h.AuthorRole).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(h => h.Text).HasMaxLength(Limits.ChatMessageMaxLength).IsRequired();
        builder.Property(h => h.MatchedWord).HasMaxLength(Limits.BlocklistWordMaxLength).IsRequired();
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.HasIndex(h => new { h.ShowId, h.Status });
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(h => h.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> builder)
    {
        builder.ToTable("ModerationActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ActorName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(32).IsRequired();
        builder.Property(a => a.TargetName).HasMaxLength(Limits.DisplayNameMaxLength);
        builder.Property(a => a.Detail).HasMaxLength(ModerationAction.DetailMaxLength);
        builder.HasIndex(a => new { a.ShowId, a.At });
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(a => a.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}
