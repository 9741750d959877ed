using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Features.Tokens;

public sealed partial class TokensPage
{
    private const int NeverExpires = 0;

    private IReadOnlyList<ApiTokenAdministration.TokenRow>? _tokens;
    private ApiTokenAdministration.CreatedToken? _created;
    private string _name = "";
    private string _role = Roles.Viewer;
    private int _expiryDays = ApiTokenAdministration.DefaultExpiryDays;
    private string? _error;

    [Inject] private ApiTokenAdministration Admin { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    protected override Task OnInitializedAsync() => GuardedAsync(ReloadAsync);

    /// <summary>The creator's role is checked in the database; a disabled or demoted Admin gets an error, not a token.</summary>
    private Task CreateAsync() => GuardedAsync(async () =>
    {
        _created = null;
        var request = new ApiTokenAdministration.TokenRequest(_name, _role, _expiryDays == NeverExpires ? null : _expiryDays, _expiryDays == NeverExpires);
        (_created, _error) = await Admin.CreateAsync((await AuthState).User, request, CancellationToken.None);
        if (_created is not null)
        {
            _name = "";
        }

        await ReloadAsync();
    });

    private Task RevokeAsync(Guid id) => GuardedAsync(async () =>
    {
        await Admin.RevokeAsync((await AuthState).User, id, CancellationToken.None);
        await ReloadAsync();
    });

    private async Task ReloadAsync() => _tokens = await Admin.ListAsync((await AuthState).User, CancellationToken.None);

    private async Task GuardedAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (UnauthorizedAccessException e)
        {
            (_created, _error) = (null, e.Message);
            _tokens ??= [];
        }
    }
}
