-- Each TakeOne user's Cal.com OAuth2 tokens, for Cal.com's atoms (bridge/src/atoms; calcom-facts
-- §3.1: access tokens expire after 30 minutes, a refresh_token gets new ones). One connection per
-- user: connecting again replaces it.
CREATE TABLE "CalcomConnection" (
    "userId" TEXT NOT NULL,
    -- handed to the user's browser by GET /api/v1/calcom/atoms/token
    "accessToken" TEXT NOT NULL,
    -- hex sha256 of accessToken: the atoms' refreshUrl gets the expired token and is looked up by
    -- this fixed-size key (a JWT can outgrow a btree entry)
    "accessTokenSha256" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalcomConnection_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalcomConnection_accessTokenSha256_key" ON "CalcomConnection"("accessTokenSha256");

-- AddForeignKey
ALTER TABLE "CalcomConnection" ADD CONSTRAINT "CalcomConnection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
