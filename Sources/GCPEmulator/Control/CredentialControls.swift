/// The controls shared by the control routes and `Emulator`'s methods.
extension EmulatorCore {
    func trustKey(clientEmail: String, publicKeyPEM: String) {
        withState { $0.credentials.trustedKeys[clientEmail, default: []].append(publicKeyPEM); $0.markChanged() }
    }

    func registerRefreshToken(clientID: String, clientSecret: String, refreshToken: String) {
        withState {
            $0.credentials.refreshTokens[refreshToken] = RefreshTokenGrant(clientID: clientID, clientSecret: clientSecret)
            $0.markChanged()
        }
    }

    func revoke(token: String?, refreshToken: String?) {
        withState { state in
            if let token { state.credentials.revokedTokens.insert(token) }
            if let refreshToken { state.credentials.revokedRefreshTokens.insert(refreshToken) }
            state.markChanged()
        }
    }
}
