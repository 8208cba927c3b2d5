import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { Role } from './api';
import { useAuth } from './auth';
import { Layout, Loading } from './components/Layout';
import { Admin } from './pages/Admin';
import { Caseload } from './pages/Caseload';
import { CasePage } from './pages/CasePage';
import { ClosePage } from './pages/ClosePage';
import { CouncilReportPage } from './pages/CouncilReport';
import { ConversationPage } from './pages/ConversationPage';
import { Dashboard, QueuePage } from './pages/Dashboard';
import { FollowUps } from './pages/FollowUps';
import { MyReferrals } from './pages/MyReferrals';
import { PlanPage } from './pages/PlanPage';
import { publicLinkPage } from './pages/PublicLinks';
import { ReferralForm } from './pages/ReferralForm';
import { SignIn } from './pages/SignIn';
import { StatisticsPage } from './pages/Statistics';

const HOME: Record<Role, string> = { referrer: '/henvis', brobygger: '/borgere', coordinator: '/overblik' };

function Home() {
  const { me } = useAuth();
  return me ? <Navigate to={HOME[me.role]} replace /> : null;
}

/** Routes under the signed-in layout; which screens a role gets is a menu choice, what it may see is the server's. */
const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'henvis', element: <ReferralForm /> },
      { path: 'henvisninger', element: <MyReferrals /> },
      { path: 'borgere', element: <Caseload /> },
      { path: 'opfoelgninger', element: <FollowUps /> },
      { path: 'sager/:id', element: <CasePage /> },
      { path: 'sager/:id/samtale', element: <ConversationPage /> },
      { path: 'sager/:id/plan', element: <PlanPage /> },
      { path: 'sager/:id/afslut', element: <ClosePage /> },
      { path: 'overblik', element: <Dashboard /> },
      { path: 'koer/:name', element: <QueuePage /> },
      { path: 'administration', element: <Admin /> },
      { path: 'statistik', element: <StatisticsPage /> },
      { path: 'rapport', element: <CouncilReportPage /> },
      { path: '*', element: <Home /> },
    ],
  },
]);

export function App() {
  const { token, me, loading } = useAuth();
  const { t } = useTranslation();
  // The links mailed to hosts and følgevenner open without login.
  const publicPage = publicLinkPage(window.location.pathname);
  if (publicPage) return publicPage;
  if (!token) return <SignIn />;
  if (loading || !me) return <Loading />;
  document.title = `${t('app.name')} · ${me.displayName}`;
  return <RouterProvider router={router} />;
}
